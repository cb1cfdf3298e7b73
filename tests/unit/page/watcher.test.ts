// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MutationWatcher } from '../../../src/page/watcher';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('MutationWatcher', () => {
  it('reports the outermost changed blocks once, after the page goes quiet', async () => {
    document.body.innerHTML = '<ul id="list"></ul>';
    const calls: Node[][] = [];
    const w = new MutationWatcher(document, (owners) => calls.push(owners), { delay: 20, maxWait: 200 });
    w.start();
    const list = document.getElementById('list')!;
    for (let i = 0; i < 3; i++) {
      const li = document.createElement('li');
      li.innerHTML = `Listing <b>${i}</b>`;
      list.append(li);
    }
    await tick(60);
    w.stop();
    expect(calls.length).toBe(1);
    expect(calls[0]!.map((n) => (n as Element).tagName)).toEqual(['LI', 'LI', 'LI']);
  });

  it('reads a change in the next frame, before the page lays it out, or on the timer when no frame comes', async () => {
    document.body.innerHTML = '<ul id="list"></ul>';
    const frames: (() => void)[] = [];
    const calls: Node[][] = [];
    const w = new MutationWatcher(document, (owners) => calls.push(owners), {
      delay: 20,
      requestAnimationFrame: (fn) => frames.push(fn),
    });
    w.start();
    const list = document.getElementById('list')!;
    const add = (text: string) => {
      const li = document.createElement('li');
      li.textContent = text;
      list.append(li);
      return li;
    };
    const first = add('Listing 1');
    await Promise.resolve(); // the observer's callback
    expect(frames.length).toBe(1);
    frames.shift()!();
    expect(calls).toEqual([[first]]);
    await tick(40); // its timer does not read again
    expect(calls.length).toBe(1);
    // A hidden tab gets no frames: the timer reads.
    const second = add('Listing 2');
    await tick(60);
    expect(calls).toEqual([[first], [second]]);
    frames.splice(0).forEach((f) => f()); // a frame that comes late reads nothing twice
    expect(calls.length).toBe(2);
    w.stop();
  });

  it('ignores our own host element', async () => {
    const calls: Node[][] = [];
    const w = new MutationWatcher(document, (owners) => calls.push(owners), { delay: 10 });
    w.start();
    document.documentElement.append(document.createElement('second-look-ui'));
    await tick(40);
    w.stop();
    expect(calls).toEqual([]);
  });

  it('watches the open shadow roots it is given: the document observer does not see inside them', async () => {
    document.body.innerHTML = '<div id="host"></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>Listing</p>';
    const calls: Node[][] = [];
    const w = new MutationWatcher(document, (owners) => calls.push(owners), { delay: 10 });
    w.start();
    w.watch(root);
    expect(w.shadowRoots).toEqual([root]);
    const p = document.createElement('p');
    p.textContent = 'New message';
    root.append(p);
    await tick(40);
    w.stop();
    expect(calls.flat()).toEqual([p]);
    expect(w.shadowRoots).toEqual([]);
  });
});
