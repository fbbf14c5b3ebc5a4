import { expect } from '@open-wc/testing';
import type { Poll } from '@convene/server/contract';
import { pollEn } from '../../i18n/furniture-strings.js';
import { exportName, optionLabel, pollCsv, pollMarkdown } from './poll-export.js';
import { parsePollPacket } from './poll-model.js';

const named: Poll = {
  id: 'abcdefghijkl',
  type: 'choice',
  question: 'Which | colour?',
  options: ['Red | warm', '=SUM(A1)'],
  multiple: false,
  ballot: 'named',
  results: 'live',
  asker: { identity: 'a', name: 'Ada' },
  asked_at: '2026-12-01T10:00:00.000Z',
  closed_at: '2026-12-01T10:05:00.000Z',
  voters: 3,
  tallies: [2, 1],
  votes: [
    { identity: 'b', name: 'Bea', choices: [0] },
    { identity: 'c', name: 'Cy', choices: [1] },
    { identity: 'd', name: 'Dee', choices: [0] },
  ],
};
const secret: Poll = {
  ...named,
  type: 'consent',
  question: 'Adopt it?',
  options: ['consent', 'concern', 'object'],
  ballot: 'secret',
  tallies: [1, 1, 1],
  votes: undefined,
  reasons: [{ choice: 2, text: 'Too soon' }],
};

describe('a poll’s export', () => {
  it('writes Markdown with the results table, pipes escaped, and who chose what on a named ballot', () => {
    const md = pollMarkdown(named, pollEn);
    expect(md).to.contain('### Which | colour?');
    expect(md).to.contain('Asked by Ada · Named vote: everyone sees who chose what. · Closed');
    expect(md).to.contain('| Red \\| warm | 2 | 67% |');
    expect(md).to.contain('| =SUM(A1) | 1 | 33% |');
    expect(md).to.contain('- Bea: Red | warm');
    expect(md).to.contain('3 people have voted.');
  });

  it('writes a secret ballot’s tallies and nameless reasons, and nothing of who voted', () => {
    const md = pollMarkdown(secret, pollEn);
    expect(md).to.contain('| Object | 1 | 33% |');
    expect(md).to.contain('- Object: Too soon');
    expect(md).to.contain('Secret ballot: nobody, moderators included, can see who voted what.');
    expect(md).not.to.contain('Who chose what');
  });

  it('writes CSV a spreadsheet opens safely: quoted, formulas defused', () => {
    const rows = pollCsv(named, pollEn).trim().split('\r\n');
    expect(rows[0]).to.equal('"Question","Which | colour?"');
    expect(rows).to.include('"Red | warm","2","67%"');
    expect(rows).to.include(`"'=SUM(A1)","1","33%"`);
    expect(rows).to.include(`"Cy","'=SUM(A1)",""`);
  });

  it('names options as people read them, and files after the question', () => {
    expect(optionLabel(secret, 1, pollEn)).to.equal('Concern');
    expect(optionLabel({ type: 'fist', options: ['0', '1', '2', '3', '4', '5'] }, 5, pollEn)).to.equal(
      '5: fully in favour',
    );
    expect(exportName(named, 'csv')).to.equal('which-colour.csv');
    expect(exportName({ question: '???' }, 'md')).to.equal('poll.md');
  });
});

describe('a poll packet', () => {
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  it('is read when it has the shape the view relies on, and dropped otherwise', () => {
    expect(parsePollPacket(encode({ poll: named }))?.id).to.equal(named.id);
    expect(parsePollPacket(encode({ poll: { ...named, tallies: [1] } }))).to.equal(undefined);
    expect(parsePollPacket(encode({ poll: { ...named, voters: -1 } }))).to.equal(undefined);
    expect(parsePollPacket(encode({ poll: { ...named, type: 'lottery' } }))).to.equal(undefined);
    expect(parsePollPacket(new TextEncoder().encode('not json'))).to.equal(undefined);
    expect(parsePollPacket(new Uint8Array(70_000))).to.equal(undefined);
  });
});
