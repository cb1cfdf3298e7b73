// Settings. Each control writes through src/storage.ts; open pages and the background watch the
// same item, so a change applies everywhere at once.
import browser from 'webextension-polyfill';
import { CATEGORIES } from '../../src/engine/categories';
import { CATEGORY_IDS, type Sensitivity } from '../../src/engine/types';
import { ALL_SITES, getSettings, updateSettings, watchSettings, type Settings } from '../../src/storage';
import { h } from '../../src/ui/dom';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function render(s: Settings): void {
  for (const r of document.querySelectorAll<HTMLInputElement>('input[name=sensitivity]')) r.checked = r.value === s.sensitivity;
  $<HTMLInputElement>('discreet').checked = s.discreet;
  $<HTMLInputElement>('watch-all').checked = s.watchAll;

  const remove = (text: string, label: string, act: () => void) => {
    const b = h('button', { text, attrs: { type: 'button', 'aria-label': label } });
    b.addEventListener('click', act);
    return b;
  };
  $('muted').replaceChildren(
    ...(s.mutedSites.length
      ? s.mutedSites.map((host) =>
          h('li', {}, host, ' ', remove('Remove', `Stop keeping quiet on ${host}`, () => void updateSettings((c) => ({ mutedSites: c.mutedSites.filter((x) => x !== host) })))),
        )
      : [h('li', { cls: 'small', text: 'None' })]),
  );
  $('categories').replaceChildren(
    ...CATEGORY_IDS.map((id) => {
      const box = h('input', { attrs: { type: 'checkbox', 'data-category': id } });
      box.checked = !s.disabledCategories.includes(id);
      box.addEventListener('change', () =>
        void updateSettings((c) => ({
          disabledCategories: box.checked ? c.disabledCategories.filter((x) => x !== id) : [...new Set([...c.disabledCategories, id])],
        })),
      );
      return h('label', { cls: 'cat' }, box, ` ${CATEGORIES[id].label}`, h('span', { cls: 'small', text: ` (${CATEGORIES[id].summary})` }));
    }),
  );
  $('rules').replaceChildren(
    ...(s.disabledRules.length
      ? s.disabledRules.map((rule) =>
          h('li', {}, h('code', { text: rule }), ' ', remove('Turn on again', `Turn ${rule} on again`, () => void updateSettings((c) => ({ disabledRules: c.disabledRules.filter((x) => x !== rule) })))),
        )
      : [h('li', { cls: 'small', text: 'None' })]),
  );
}

$('sensitivity').addEventListener('change', (e) => {
  const v = (e.target as HTMLInputElement).value as Sensitivity;
  void updateSettings(() => ({ sensitivity: v }));
});
$<HTMLInputElement>('discreet').addEventListener('change', (e) => {
  const on = (e.target as HTMLInputElement).checked;
  void updateSettings(() => ({ discreet: on }));
});
$<HTMLInputElement>('watch-all').addEventListener('change', async (e) => {
  const box = e.target as HTMLInputElement;
  // Asked here, in the click: browsers only show the permission prompt for a user gesture.
  if (box.checked) {
    const granted = await browser.permissions.request(ALL_SITES).catch(() => false);
    box.checked = granted;
    await updateSettings(() => ({ watchAll: granted }));
  } else {
    await updateSettings(() => ({ watchAll: false }));
    await browser.permissions.remove(ALL_SITES).catch(() => false);
  }
});
$('mute-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = $<HTMLInputElement>('mute-host');
  const host = input.value.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/:].*$/, '').replace(/^www\./, '');
  if (!/^[a-z0-9.-]+\.[a-z]{2,}$/.test(host)) return;
  input.value = '';
  void updateSettings((c) => ({ mutedSites: [...new Set([...c.mutedSites, host])] }));
});

void getSettings().then(render);
watchSettings(render);
