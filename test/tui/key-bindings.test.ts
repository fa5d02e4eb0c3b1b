import { describe, it, expect } from 'vitest';
import type { Key } from 'ink';
import { BINDINGS, consoleAction, helpAction, mainAction, statusHints } from '../../src/tui/key-bindings.js';
import { fasterSpeed, slowerSpeed, SPEEDS } from '../../src/tui/driver.js';

const none: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
};
const k = (patch: Partial<Key>): Key => ({ ...none, ...patch });

describe('key bindings', () => {
  it('maps the keys issue 6 names', () => {
    expect(mainAction('n', none)).toBe('next');
    expect(mainAction('\r', k({ return: true }))).toBe('next');
    expect(mainAction('', k({ rightArrow: true }))).toBe('next');
    expect(mainAction('b', none)).toBe('back');
    expect(mainAction('', k({ leftArrow: true }))).toBe('back');
    expect(mainAction(' ', none)).toBe('pause');
    expect(mainAction('+', none)).toBe('faster');
    expect(mainAction('-', none)).toBe('slower');
    expect(mainAction('w', none)).toBe('load');
    expect(mainAction(':', none)).toBe('console');
    expect(mainAction('?', none)).toBe('help');
    expect(mainAction('q', none)).toBe('quit');
    expect(mainAction('c', k({ ctrl: true }))).toBe('quit');
    expect(mainAction('x', none)).toBeUndefined();
  });

  it('gives every key one meaning', () => {
    const keys = ['n', 'b', ' ', '+', '-', 'w', ':', '?', 'q', 'z', '[', ']', 'j', 'k'];
    for (const input of keys) expect(BINDINGS.filter((b) => b.matches(input, none)).length, input).toBe(1);
  });

  it('types text in the console and keeps its own editing keys', () => {
    expect(consoleAction('n', none)).toEqual({ kind: 'insert', text: 'n' });
    expect(consoleAction('q', none)).toEqual({ kind: 'insert', text: 'q' });
    expect(consoleAction('show\ttables\r\n', none)).toEqual({ kind: 'insert', text: 'showtables ' });
    expect(consoleAction('\r', k({ return: true }))).toEqual({ kind: 'submit' });
    expect(consoleAction('', k({ escape: true }))).toEqual({ kind: 'cancel' });
    expect(consoleAction('', k({ backspace: true }))).toEqual({ kind: 'backspace' });
    expect(consoleAction('', k({ upArrow: true }))).toEqual({ kind: 'historyPrev' });
    expect(consoleAction('c', k({ ctrl: true }))).toEqual({ kind: 'quit' });
    expect(helpAction('x', none)).toBe('close');
    expect(helpAction('c', k({ ctrl: true }))).toBe('quit');
  });

  it('keeps the most useful hints when the status line is narrow', () => {
    expect(statusHints(200)).toBe('n next  b back  ␣ pause  +- speed  w load  : cmd  z zoom  ? help  q quit');
    expect(statusHints(30)).toBe('n next  b back  ? help  q quit');
  });

  it('steps the speed through a fixed ladder', () => {
    expect(fasterSpeed(1)).toBe(2);
    expect(slowerSpeed(1)).toBe(0.5);
    expect(fasterSpeed(3)).toBe(5);
    expect(fasterSpeed(SPEEDS[SPEEDS.length - 1] as number)).toBe(SPEEDS[SPEEDS.length - 1]);
    expect(slowerSpeed(SPEEDS[0] as number)).toBe(SPEEDS[0]);
  });
});
