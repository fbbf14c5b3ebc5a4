/**
 * React wrappers for the Convene elements, made with @lit/react. Events are typed `on*` props.
 * Safe to import during server-side rendering: the elements are defined in the browser only.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import {
  ConveneRoom as ConveneRoomElement,
  ConveneSpace as ConveneSpaceElement,
  type ConveneErrorEvent,
  type ConveneJoinedEvent,
  type ConveneLeftEvent,
} from '@convene/elements';

if (typeof window !== 'undefined' && typeof customElements !== 'undefined') {
  void import('@convene/elements/define.js');
}

/** `<convene-room>` as a React component. */
export const ConveneRoom = createComponent({
  tagName: 'convene-room',
  elementClass: ConveneRoomElement,
  react: React,
  events: {
    onJoined: 'convene-joined' as EventName<ConveneJoinedEvent>,
    onLeft: 'convene-left' as EventName<ConveneLeftEvent>,
    onError: 'convene-error' as EventName<ConveneErrorEvent>,
  },
});

/** `<convene-space>` as a React component. */
export const ConveneSpace = createComponent({
  tagName: 'convene-space',
  elementClass: ConveneSpaceElement,
  react: React,
  events: {},
});
