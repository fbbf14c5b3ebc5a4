import { expect } from '@open-wc/testing';
import type { ParticipantView } from './session.js';
import { arrange, columnsFor, initials, layoutStage, pageSizeFor } from './layout.js';

const person = (identity: string, extra: Partial<ParticipantView> = {}): ParticipantView => ({
  identity,
  name: identity,
  isLocal: false,
  isSpeaking: false,
  lastSpokeAt: 0,
  joinedAt: Number(identity.replace(/\D/g, '')) || 0,
  microphoneOn: true,
  cameraOn: true,
  connectionQuality: 'good',
  ...extra,
});

describe('stage layout', () => {
  it('puts the visitor first, then everyone by arrival, and keeps that order', () => {
    const people = [person('p3'), person('me', { isLocal: true, joinedAt: 9 }), person('p1'), person('p2')];
    const first = arrange(people, [], 9).map((p) => p.identity);
    expect(first).to.deep.equal(['me', 'p1', 'p2', 'p3']);
    const later = arrange([...people, person('p0')], first, 9).map((p) => p.identity);
    expect(later, 'a newcomer goes last, whatever their join time').to.deep.equal(['me', 'p1', 'p2', 'p3', 'p0']);
  });

  it('brings someone speaking on a later page onto the first, in place of the quietest', () => {
    const people = [
      person('me', { isLocal: true }),
      person('p1', { lastSpokeAt: 50 }),
      person('p2', { lastSpokeAt: 10 }),
      person('p3', { lastSpokeAt: 30 }),
      person('p4', { isSpeaking: true, lastSpokeAt: 99 }),
      person('p5'),
    ];
    const order = arrange(people, ['me', 'p1', 'p2', 'p3', 'p4', 'p5'], 4).map((p) => p.identity);
    expect(order.slice(0, 4)).to.have.members(['me', 'p1', 'p4', 'p3']);
    expect(order.slice(4)).to.have.members(['p2', 'p5']);
  });

  it('keeps the speaker in view on any page, bringing them from another in place of the quietest there', () => {
    const quiet = [
      person('me', { isLocal: true }),
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => person(`p${n}`, { lastSpokeAt: n })),
    ];
    const order = layoutStage(quiet, [], 400, 0, '').order;
    expect(order).to.deep.equal(['me', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']);
    // Four a page at 400 px; the visitor looks at page 2 (p4–p7) while p1, on page 1, speaks.
    const talking = quiet.map((p) => (p.identity === 'p1' ? { ...p, isSpeaking: true, lastSpokeAt: 99 } : p));
    const second = layoutStage(talking, order, 400, 1, '');
    expect(second.page).to.equal(1);
    expect(
      second.visible.map((p) => p.identity),
      'p1 in place of p4, who spoke least recently',
    ).to.deep.equal(['p1', 'p5', 'p6', 'p7']);
    expect(second.order.slice(0, 4), 'p4 takes p1’s place').to.deep.equal(['me', 'p4', 'p2', 'p3']);
  });

  it('lays out thirty people as pages of at most sixteen, the visitor on the first', () => {
    const people = [person('me', { isLocal: true }), ...Array.from({ length: 29 }, (_, i) => person(`p${i + 1}`))];
    const first = layoutStage(people, [], 1280, 0, '');
    expect(first.pages).to.equal(2);
    expect(first.visible).to.have.length(16);
    expect(first.visible[0]?.identity).to.equal('me');
    expect(first.columns).to.equal(5);
    const second = layoutStage(people, first.order, 1280, 1, '');
    expect(second.visible).to.have.length(14);
    expect(second.visible.map((p) => p.identity)).to.not.include.members(first.visible.map((p) => p.identity));
    expect(layoutStage(people, first.order, 1280, 7, '').page, 'a page past the last shows the last').to.equal(1);
  });

  it('pages by the width of the stage, with fewer tiles beside a screen share', () => {
    expect(pageSizeFor(400, false)).to.equal(4);
    expect(pageSizeFor(800, false)).to.equal(9);
    expect(pageSizeFor(1200, false), 'sixteen people in one grid on a laptop').to.equal(16);
    expect(pageSizeFor(1200, true)).to.be.lessThan(pageSizeFor(1200, false));
  });

  it('adapts the columns to the count and the width', () => {
    expect(columnsFor(1, 1200)).to.equal(1);
    expect(columnsFor(2, 1200)).to.equal(2);
    expect(columnsFor(5, 1200)).to.equal(3);
    expect(columnsFor(12, 1200)).to.equal(4);
    expect(columnsFor(16, 1200), 'four rows of five fit a laptop’s height').to.equal(5);
    expect(columnsFor(16, 1000), 'narrower: four columns').to.equal(4);
    expect(columnsFor(4, 400), 'one column on a phone').to.equal(1);
  });

  it('pins the spotlighted person: their tile has the focus and leads every page', () => {
    const people = [person('me', { isLocal: true }), ...[1, 2, 3, 4, 5, 6, 7].map((n) => person(`p${n}`))];
    const ids = (views: ParticipantView[]) => views.map((p) => p.identity);
    const first = layoutStage(people, [], 1200, 0, 'p6');
    expect(first.pinned?.identity).to.equal('p6');
    expect(first.presenter).to.equal(undefined);
    expect(ids(first.visible), 'the pinned tile, then a strip as beside a screen share').to.deep.equal([
      'p6',
      'me',
      'p1',
      'p2',
      'p3',
      'p4',
    ]);
    const second = layoutStage(people, first.order, 1200, 1, 'p6');
    expect(ids(second.visible)).to.deep.equal(['p6', 'p5', 'p7']);
    expect(second.pages).to.equal(2);
    const cleared = layoutStage(people, second.order, 1200, 0, '');
    expect(cleared.pinned).to.equal(undefined);
    expect(cleared.order, 'unpinned, everyone is back in their place').to.deep.equal(ids(people));
    expect(layoutStage(people, [], 1200, 0, 'gone').pinned, 'nobody present by that name').to.equal(undefined);
  });

  it('lets a screen share keep the focus, the spotlighted person’s own first, the pinned tile leading the strip', () => {
    const screen = {} as NonNullable<ParticipantView['screen']>;
    const people = [
      person('me', { isLocal: true, screen }),
      person('p1', { screen }),
      person('p2'),
      person('p3', { screen }),
      person('p4'),
      person('p5'),
    ];
    expect(
      layoutStage(people, [], 1200, 0, '').presenter?.identity,
      'someone else’s share before the visitor’s',
    ).to.equal('p1');
    const pinnedSharing = layoutStage(people, [], 1200, 0, 'p3');
    expect(pinnedSharing.presenter?.identity).to.equal('p3');
    expect(pinnedSharing.visible[0]?.identity).to.equal('p3');
    const pinnedOnly = layoutStage(people, [], 1200, 0, 'p2');
    expect(pinnedOnly.presenter?.identity).to.equal('p1');
    expect(
      pinnedOnly.visible.map((p) => p.identity),
      'the strip holds as many as beside a share alone, the pinned tile among them',
    ).to.deep.equal(['p2', 'me', 'p1', 'p3', 'p4']);
    expect(pinnedOnly.pages).to.equal(2);
  });

  it('makes initials from a name', () => {
    expect(initials('Ada Lovelace')).to.equal('AL');
    expect(initials('grace')).to.equal('G');
    expect(initials('Jean Baptiste Joseph Fourier')).to.equal('JF');
    expect(initials('  ')).to.equal('');
  });
});
