/**
 * A poll's results as text to keep: Markdown (for minutes, and the notes kind's
 * `convene-notes-insert`) and CSV (for a spreadsheet). Pure functions of what the page received,
 * in the page's language: a secret ballot exports tallies only, because that is all there is.
 */
import type { Poll } from '@convene/server/contract';
import type { PollStrings } from '../../i18n/furniture-strings.js';

/** An option as a person reads it: the asker's words, the consent answer or the fist-of-five meaning. */
export function optionLabel(poll: Pick<Poll, 'type' | 'options'>, index: number, t: PollStrings): string {
  const option = poll.options[index] ?? '';
  if (poll.type === 'consent') return t.pollConsent[option as keyof PollStrings['pollConsent']] ?? option;
  if (poll.type === 'fist') return t.pollFist[index] ?? option;
  return option;
}

/** Each option's share of the votes cast, in whole percent (of voters, for a poll that takes several). */
export function percentOf(poll: Pick<Poll, 'voters'>, votes: number): number {
  return poll.voters > 0 ? Math.round((votes / poll.voters) * 100) : 0;
}

const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

/** The poll as a Markdown section: the question, how it was asked, a table of results, named votes and reasons. */
export function pollMarkdown(poll: Poll, t: PollStrings): string {
  const lines = [`### ${poll.question}`, ''];
  const facts = [
    t.pollAskedBy(poll.asker.name),
    poll.ballot === 'secret' ? t.pollSecret : t.pollNamed,
    poll.closed_at ? t.pollClosed : t.pollOpen,
  ];
  lines.push(facts.join(' · '), '');
  if (poll.tallies) {
    lines.push(`| ${t.pollExportOption} | ${t.pollExportVotes} | ${t.pollExportShare} |`, '| --- | ---: | ---: |');
    poll.tallies.forEach((votes, index) => {
      lines.push(`| ${cell(optionLabel(poll, index, t))} | ${votes} | ${percentOf(poll, votes)}% |`);
    });
    lines.push('');
  } else {
    lines.push(t.pollResultsHidden, '');
  }
  lines.push(t.pollVoters(poll.voters));
  if (poll.votes?.length) {
    lines.push('', `**${t.pollWhoChose}**`, '');
    for (const vote of poll.votes) {
      const chose = vote.choices.map((c) => optionLabel(poll, c, t)).join(', ');
      lines.push(`- ${vote.name}: ${chose}${vote.reason ? ` (${vote.reason})` : ''}`);
    }
  }
  if (poll.reasons?.length) {
    lines.push('', `**${t.pollReasons}**`, '');
    for (const reason of poll.reasons) lines.push(`- ${optionLabel(poll, reason.choice, t)}: ${reason.text}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A CSV field: quoted, and a leading `= + - @` defused so a spreadsheet does not run it as a formula. */
function field(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The poll as CSV: one row per option (votes, share); for a named ballot, then one row per voter. */
export function pollCsv(poll: Poll, t: PollStrings): string {
  const rows: (string | number)[][] = [[t.pollQuestion, poll.question], []];
  rows.push([t.pollExportOption, t.pollExportVotes, t.pollExportShare]);
  poll.options.forEach((_, index) => {
    const votes = poll.tallies?.[index];
    rows.push(
      votes === undefined
        ? [optionLabel(poll, index, t), '', '']
        : [optionLabel(poll, index, t), votes, `${percentOf(poll, votes)}%`],
    );
  });
  if (poll.votes?.length) {
    rows.push([], [t.pollExportName, t.pollExportOption, t.pollExportReason]);
    for (const vote of poll.votes) {
      rows.push([vote.name, vote.choices.map((c) => optionLabel(poll, c, t)).join('; '), vote.reason ?? '']);
    }
  } else if (poll.reasons?.length) {
    rows.push([], [t.pollExportOption, t.pollExportReason]);
    for (const reason of poll.reasons) rows.push([optionLabel(poll, reason.choice, t), reason.text]);
  }
  return `${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

/** A file name for the poll's export: its question, made safe, and the extension. */
export function exportName(poll: Pick<Poll, 'question'>, extension: 'md' | 'csv'): string {
  const stem =
    poll.question
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 40) || 'poll';
  return `${stem}.${extension}`;
}
