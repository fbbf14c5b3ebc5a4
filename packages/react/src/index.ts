/**
 * React wrappers for the Convene elements, made with @lit/react. Every event an element fires is a
 * typed `on*` prop (`convene-joined` → `onJoined`); a test checks these maps against the elements'
 * custom-elements.json, so they cannot drift. Properties pass straight through, the member pass's
 * three ways included: `passUrl`, `pass` (a string) and `passProvider` (`() => Promise<string | null>`,
 * for a single-page app that holds its own sign-in). Safe to import during server-side rendering:
 * the elements are defined in the browser only.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import {
  ConveneFurniture as ConveneFurnitureElement,
  ConveneRoom as ConveneRoomElement,
  ConveneSpace as ConveneSpaceElement,
  type ConveneErrorEvent,
  type ConveneJoinedEvent,
  type ConveneLeftEvent,
  type ConveneParticipantJoinedEvent,
  type ConveneParticipantLeftEvent,
  type ConvenePresenceChangedEvent,
  type ConveneRoomEnteredEvent,
  type ConveneRoomLeftEvent,
} from '@convene/elements';

if (typeof window !== 'undefined' && typeof customElements !== 'undefined') {
  void import('@convene/elements/define.js');
}

/** `<convene-room>`'s events as React props. */
export const roomEvents = {
  onJoined: 'convene-joined' as EventName<ConveneJoinedEvent>,
  onLeft: 'convene-left' as EventName<ConveneLeftEvent>,
  onParticipantJoined: 'convene-participant-joined' as EventName<ConveneParticipantJoinedEvent>,
  onParticipantLeft: 'convene-participant-left' as EventName<ConveneParticipantLeftEvent>,
  onError: 'convene-error' as EventName<ConveneErrorEvent>,
} as const;

/** `<convene-space>`'s events as React props. */
export const spaceEvents = {
  onRoomEntered: 'convene-room-entered' as EventName<ConveneRoomEnteredEvent>,
  onRoomLeft: 'convene-room-left' as EventName<ConveneRoomLeftEvent>,
  onPresenceChanged: 'convene-presence-changed' as EventName<ConvenePresenceChangedEvent>,
} as const;

/** `<convene-furniture>` fires no events of its own. */
export const furnitureEvents = {} as const;

/** `<convene-room>` as a React component. */
export const ConveneRoom = createComponent({
  tagName: 'convene-room',
  elementClass: ConveneRoomElement,
  react: React,
  events: roomEvents,
});

/** `<convene-space>` as a React component. */
export const ConveneSpace = createComponent({
  tagName: 'convene-space',
  elementClass: ConveneSpaceElement,
  react: React,
  events: spaceEvents,
});

/**
 * `<convene-furniture>` as a React component: a piece of furniture placed in the `<ConveneRoom>`
 * it is a child of (`kind`, `label`, `settings` as an object; a markdown's text may be its children).
 * The room follows it as it mounts, changes and unmounts.
 */
export const ConveneFurniture = createComponent({
  tagName: 'convene-furniture',
  elementClass: ConveneFurnitureElement,
  react: React,
  events: furnitureEvents,
});

/** Each wrapper's tag and event map, for tools and the drift check. */
export const wrappers = {
  'convene-room': roomEvents,
  'convene-space': spaceEvents,
  'convene-furniture': furnitureEvents,
} as const;
