// The help page: resources for the reader's country (from the browser's language for now), the
// unverified ones labelled, the international ones and the emergency fallback always.
import { COUNTRIES, countryFromLocale, HELP, helpFor, type HelpEntry } from '../../src/help/directory';
import { h } from '../../src/ui/dom';

const KIND_LABEL: Record<string, string> = {
  'trafficking-hotline': 'Trafficking hotline',
  'women/children helpline': 'Helpline for women and children',
  NGO: 'Organisation',
  'reporting-website': 'Report online',
  emergency: 'Emergency',
};

const display = (() => {
  try {
    return new Intl.DisplayNames([navigator.language], { type: 'region' });
  } catch {
    return null;
  }
})();
const countryName = (c: string) => (c === 'EU' ? 'European Union' : (display?.of(c) ?? c));

function contacts(e: HelpEntry): HTMLElement {
  const dl = h('ul', { cls: 'contacts' });
  const item = (label: string, text: string, href?: string) =>
    dl.append(h('li', {}, h('span', { cls: 'k', text: label }), href ? h('a', { text, attrs: { href } }) : text));
  // Only the digits and + go into tel:/sms: links; notes in brackets stay as text.
  const dial = (s: string) => s.replace(/\(.*?\)/g, '').replace(/[^\d+]/g, '');
  for (const p of e.phone) item('Call', p, dial(p) ? `tel:${dial(p)}` : undefined);
  for (const s of e.sms) item('Text', s, dial(s) ? `sms:${dial(s)}` : undefined);
  for (const w of e.whatsapp) item('WhatsApp', w);
  for (const m of e.email) item('E-mail', m, `mailto:${m}`);
  for (const u of e.web) if (/^https:\/\//.test(u)) item('Web', u.replace(/^https:\/\//, ''), u);
  return dl;
}

function entry(e: HelpEntry, selected: string | null, unverified = false): HTMLElement {
  // A neighbour's line that also serves this country says where it is.
  const where = selected && e.country !== selected && e.country !== 'INTL' ? countryName(e.country) : null;
  const tags = [KIND_LABEL[e.kind] ?? e.kind, where, e.police ? 'Police' : null, unverified ? 'Unverified' : null].filter(Boolean) as string[];
  const sources = h('ul', {}, ...e.sources.map((u) => h('li', {}, h('a', { text: u, attrs: { href: u, rel: 'noreferrer' } }))));
  return h(
    'article',
    { cls: `entry ${e.confidence}`, attrs: { 'data-id': e.id } },
    h('h3', { text: e.service }),
    h('p', { cls: 'tags' }, ...tags.map((t) => h('span', { cls: t === 'Police' || t === 'Unverified' ? `tag ${t.toLowerCase()}` : 'tag', text: t }))),
    h('p', { cls: 'org', text: e.organisation }),
    h('p', { text: e.helpsWith }),
    contacts(e),
    e.dialing ? h('p', { cls: 'small', text: e.dialing }) : null,
    e.hours || e.languages.length
      ? h('p', { cls: 'small', text: [e.hours, e.languages.length ? `Languages: ${e.languages.join(', ')}` : ''].filter(Boolean).join(' · ') })
      : null,
    h(
      'details',
      {},
      h('summary', { text: `Sources (confidence: ${e.confidence}${e.sourceDate ? `; ${e.sourceDate}` : ''})` }),
      sources,
      e.notes ? h('p', { cls: 'small', text: e.notes }) : null,
    ),
  );
}

function render(country: string | null): void {
  const help = helpFor(country);
  const list = document.getElementById('list')!;
  const sections: HTMLElement[] = [];
  if (help.verified.length && !help.verified.some((e) => e.country === country))
    sections.push(h('p', { text: 'We have no checked line based in this country yet; these serve it from elsewhere.' }));
  if (help.verified.length) sections.push(h('section', {}, h('h2', { text: countryName(country!) }), ...help.verified.map((e) => entry(e, country))));
  else sections.push(h('p', { text: 'We have no checked entry for this country yet. The directory below lists organisations worldwide.' }));
  if (help.unverified.length)
    sections.push(
      h('section', { cls: 'unverified' }, h('h2', { text: 'Unverified' }), h('p', { cls: 'small', text: 'From a single or old source: check before relying on it.' }), ...help.unverified.map((e) => entry(e, country, true))),
    );
  sections.push(h('section', {}, h('h2', { text: 'International' }), ...help.international.map((e) => entry(e, country))));
  list.replaceChildren(...sections);
}

const emergency = document.getElementById('emergency')!;
const dir = HELP.fallback.directory;
emergency.append(HELP.fallback.emergency, ' ', h('a', { text: `${dir.name}`, attrs: { href: dir.url } }), ': find local help anywhere.');
document.getElementById('about')!.textContent = `Compiled ${HELP.lastReviewed} from public sources; numbers change, so check the source when you can.`;

const select = document.getElementById('country') as HTMLSelectElement;
const guess = countryFromLocale(navigator.language);
const options = [...COUNTRIES];
if (guess && !options.includes(guess)) options.push(guess);
select.append(...options.sort((a, b) => countryName(a).localeCompare(countryName(b))).map((c) => h('option', { text: countryName(c), attrs: { value: c } })));
const initial = new URLSearchParams(location.search).get('country') ?? guess;
if (initial) select.value = initial;
select.addEventListener('change', () => render(select.value));
render(select.value || null);
