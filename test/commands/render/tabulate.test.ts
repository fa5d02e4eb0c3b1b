import { describe, it, expect } from 'vitest';
import { renderGrid } from '../../../src/commands/render/tabulate.js';

describe('renderGrid', () => {
  it('matches gotabulate v1.1.2 golden output (headers from the first row)', () => {
    const row = ['test string', 'test string 2', 'test', 'row', 'bndr'];
    expect(renderGrid(row, [row])).toBe(
      [
        '+----------------+------------------+---------+--------+---------+',
        '|    test string |    test string 2 |    test |    row |    bndr |',
        '+================+==================+=========+========+=========+',
        '|    test string |    test string 2 |    test |    row |    bndr |',
        '+----------------+------------------+---------+--------+---------+',
        '',
      ].join('\n'),
    );
  });

  it('matches the golden with short rows and an empty string', () => {
    const headers = ['Header 1', 'Header 2', 'Header 3', 'Header 4', 'Header 5'];
    const row = ['test string', 'test string 2', 'test', 'row', 'bndr'];
    const short = ['4th element empty', '4th element empty', '4th element empty'];
    expect(renderGrid(headers, [row, row, short], { emptyString: 'None' })).toBe(
      [
        '+----------------------+----------------------+----------------------+-------------+-------------+',
        '|             Header 1 |             Header 2 |             Header 3 |    Header 4 |    Header 5 |',
        '+======================+======================+======================+=============+=============+',
        '|          test string |        test string 2 |                 test |         row |        bndr |',
        '+----------------------+----------------------+----------------------+-------------+-------------+',
        '|          test string |        test string 2 |                 test |         row |        bndr |',
        '+----------------------+----------------------+----------------------+-------------+-------------+',
        '|    4th element empty |    4th element empty |    4th element empty |        None |        None |',
        '+----------------------+----------------------+----------------------+-------------+-------------+',
        '',
      ].join('\n'),
    );
  });

  it('renders a VDiff show all listing', () => {
    const out = renderGrid(
      ['UUID', 'Workflow', 'Keyspace', 'Shard', 'State'],
      [
        ['d050262e-8c5f-11ed-ac72-920702940ee0', 'commerce2customer', 'customer', '0', 'completed'],
        ['bc74b91b-2ee8-4869-bc39-4740ce445e20', 'commerce2customer', 'customer', '0', 'started'],
      ],
    );
    expect(out).toBe(
      [
        '+-----------------------------------------+----------------------+-------------+----------+--------------+',
        '|                                    UUID |             Workflow |    Keyspace |    Shard |        State |',
        '+=========================================+======================+=============+==========+==============+',
        '|    d050262e-8c5f-11ed-ac72-920702940ee0 |    commerce2customer |    customer |        0 |    completed |',
        '+-----------------------------------------+----------------------+-------------+----------+--------------+',
        '|    bc74b91b-2ee8-4869-bc39-4740ce445e20 |    commerce2customer |    customer |        0 |      started |',
        '+-----------------------------------------+----------------------+-------------+----------+--------------+',
        '',
      ].join('\n'),
    );
  });

  it('pads missing header names on the left and measures in bytes', () => {
    expect(renderGrid(['b'], [['x', 'é']])).toBe(
      ['+------+-------+', '|      |     b |', '+======+=======+', '|    x |    é |', '+------+-------+', ''].join('\n'),
    );
  });

  it('returns nothing without rows', () => {
    expect(renderGrid(['UUID'], [])).toBe('');
  });
});
