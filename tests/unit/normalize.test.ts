import { describe, expect, it } from 'vitest';
import { normalize, toOriginal } from '../../src/engine/normalize';

const data = {
  lexicon: new Set(['passport', 'dancers', 'singers', 'hotel', 'lounge', 'telegram', 'whatsapp', 'free', 'visa']),
  aliases: [['v信', '微信'], ['纸飞机', 'telegram']] as [string, string][],
};
const norm = (s: string) => normalize(s, data).text.toLowerCase();

describe('normalize', () => {
  it('lowercases and folds full-width letters', () => {
    expect(norm('ＷｈａｔｓＡｐｐ')).toBe('whatsapp');
  });
  it('removes zero-width characters and soft hyphens', () => {
    expect(norm('pass\u200bport tele\u00adgram')).toBe('passport telegram');
  });
  it('joins spaced letters', () => {
    expect(norm('T e l e g r a m now')).toBe('telegram now');
    expect(norm('W.h.a.t.s.A.p.p')).toBe('whatsapp');
  });
  it('reads runs of spaces as one', () => {
    expect(norm('C A S I N O   hostesses,  now')).toBe('casino hostesses, now');
  });
  it('keeps ordinary one-letter words apart', () => {
    expect(norm('I am a nurse')).toBe('i am a nurse');
  });
  it('folds Cyrillic look-alikes inside Latin words and the reverse', () => {
    expect(norm('pаssport')).toBe('passport'); // Cyrillic а
    expect(norm('пaспорт')).toBe('паспорт'); // Latin a in a Cyrillic word
  });
  it('reads digits for letters only when they spell a rule word', () => {
    expect(norm('p4ssp0rt and fr33 v1sa')).toBe('passport and free visa');
    expect(norm('covid19 and 5pm')).toBe('covid19 and 5pm');
  });
  it('reads emoji standing for letters through the vocabulary', () => {
    expect(norm('D🌸ncers & S🌸ngers, h🏨tel l🍸unge')).toBe('dancers & singers, hotel lounge');
  });
  it('drops emoji inside Chinese words and reads keycap digits', () => {
    expect(norm('模🈶特')).toBe('模特');
    expect(norm('3⃣️0⃣️0⃣️0⃣️')).toBe('3000');
  });
  it('reads squared letters', () => {
    expect(norm('I🅶 or W🅰️')).toBe('ig or wa');
  });
  it('composes Korean compatibility jamo, spaced or not', () => {
    expect(norm('ㅋㅏㅋㅏㅇ')).toBe('카캉');
    expect(norm('ㅋ ㅏ ㅌ ㅗ ㄱ')).toBe('카톡');
  });
  it('joins two spaced syllables only when they spell a rule word', () => {
    const d = { ...data, lexicon: new Set([...data.lexicon, '카톡', '微信']) };
    expect(normalize('카 톡 주세요', d).text).toBe('카톡 주세요');
    expect(normalize('加微 信', d).text).toBe('加微信');
    expect(normalize('나 는', d).text).toBe('나 는');
  });
  it('joins Chinese characters spaced apart, and spaced letters after Chinese', () => {
    expect(norm('公司护 照 统 一 保 管')).toBe('公司护照统一保管');
    expect(norm('去K T V上班')).toBe('去ktv上班');
  });
  it('folds single characters through the char map (Traditional to Simplified)', () => {
    const d = { ...data, charFold: new Map([['護'.charCodeAt(0), '护'], ['照'.charCodeAt(0), '照']]) };
    const n = normalize('交護照', d);
    expect(n.text).toBe('交护照');
    expect(n.map.span(1)).toEqual([1, 2]);
  });
  it('reads cross marks as x', () => {
    expect(norm('passport ❌')).toBe('passport x');
  });
  it('turns money written in words into digits', () => {
    expect(norm('earn three thousand dollars')).toBe('earn 3000 dollars');
    expect(norm('月入三万元')).toBe('月入30000元');
    expect(norm('月薪一万五')).toBe('月薪15000');
    expect(norm('十分好，一起去')).toBe('十分好,一起去'); // not amounts
  });
  it('reads scale words and aliases from their first letters in any case, not words that share two', () => {
    expect(norm('The other three THOUSAND, though')).toBe('the other 3000, though');
    const d = { ...data, aliases: [['whats app', 'whatsapp'], ['vx', '微信']] as [string, string][] };
    expect(normalize('What? Whats App, WHATS APP, vx', d).text.toLowerCase()).toBe('what? whatsapp, whatsapp, 微信');
  });
  it('reads word starts at the text\'s edges and beside other scripts as it does elsewhere', () => {
    // Word starts of three ASCII units come from a table; the others from the full test.
    expect(norm('V信')).toBe('微信');
    expect(norm('thousand')).toBe('thousand'); // a scale word alone is no number
    expect(norm('two thousand')).toBe('2000');
    expect(norm('è two thousand')).toBe('è 2000');
    expect(norm('x.vx')).toBe('x.vx');
    const d = { ...data, aliases: [['vx', '微信']] as [string, string][] };
    expect(normalize('vx', d).text).toBe('微信');
    expect(normalize('카vx', d).text).toBe('카vx'); // after a letter of another script: inside a word
    expect(normalize('-vx', d).text).toBe('-微信');
  });
  it('applies aliases', () => {
    expect(norm('加V信')).toBe('加微信');
    expect(norm('联系纸飞机')).toBe('联系telegram');
  });
  it('finds numbers in words and aliases beside, between and after words pass 2 rewrote', () => {
    // The candidates of an edited text are carried past the edits and read again beside them.
    expect(norm('p4ssport two thousand dollars')).toBe('passport 2000 dollars');
    expect(norm('two thousand p4ssport, 加V信 T e l e g r a m, 三万元')).toBe('2000 passport, 加微信 telegram, 30000元');
    expect(norm('Company® five hundred 加V信™ one thousand')).toBe('company  500 加微信 1000');
    expect(norm('p4ssport 加V信')).toBe('passport 加微信');
  });
  it('applies word-like aliases at a word\'s start only, and after other fixes', () => {
    const d = { ...data, aliases: [['vx', '微信'], ['whats app', 'whatsapp']] as [string, string][] };
    const n = (s: string) => normalize(s, d).text.toLowerCase();
    expect(n('加vx: abc, devx')).toBe('加微信: abc, devx');
    // The run of spaces folds first, then the alias reads "whats app".
    expect(n('add me on Whats   App now')).toBe('add me on whatsapp now');
    const src = 'call Whats   App';
    const out = normalize(src, d);
    const at = out.text.indexOf('whatsapp');
    expect(src.slice(...toOriginal(out, at, at + 8))).toBe('Whats   App');
  });
  it('reads any run of spaces as one before joining spaced letters', () => {
    expect(norm('T    e    l    e    g    r    a    m')).toBe('telegram');
    expect(norm('work\u3000\u3000now\u00a0\u00a0today \u200b  ok')).toBe('work now today ok');
    const src = 'a \u00a0\t b';
    const n = normalize(src, data);
    expect(n.text).toBe('a b');
    expect(toOriginal(n, 1, 2)).toEqual([1, 5]); // the whole run
  });

  const tricky = [
    'Ｐａｓｓｐｏｒｔ ｈｅｌｄ',
    'C A S I N O   hostesses → T e l e g r a m',
    'D🌸ncers 💃 in 🇦🇪 Dubai, p4ssp0rt kept',
    '加Ｖ信：m t 1 6 8，月入三万',
    'ㅋㅏ톡 ID, pаss\u200bport',
    'e\u0301te\u0301 vie\u0302\u0323c',
    '👩🏽‍💻 work 3⃣️0⃣️0⃣️$',
  ];
  it.each(tricky)('maps every normalised unit back inside the original: %s', (src) => {
    const n = normalize(src, data);
    expect(n.map.length).toBe(n.text.length);
    let prev = 0;
    for (let i = 0; i < n.text.length; i++) {
      const [s, e] = n.map.span(i);
      expect(s).toBeGreaterThanOrEqual(prev);
      expect(e).toBeLessThanOrEqual(src.length);
      expect(s).toBeLessThan(e);
      prev = s;
    }
    // A whole-text range maps to a range that covers the visible text.
    const [s, e] = toOriginal(n, 0, n.text.length);
    expect(s).toBeLessThanOrEqual(1);
    expect(e).toBeGreaterThanOrEqual(src.trimEnd().length - 2);
  });
});
