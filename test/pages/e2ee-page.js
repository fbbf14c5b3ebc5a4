/* global document, location */
// An encrypted room's test page (issue 15): loads convene.js from `?server=` (this origin by
// default, another one for the cross-origin case) and puts one <convene-room> on the page:
// `?auto` joins at once (the key then comes from the URL's #convene_key=… fragment).
const params = new URLSearchParams(location.search);
const server = params.get('server') || '/';
await import(new URL('convene.js', new URL(server, location.href)).href);
const room = document.createElement('convene-room');
room.setAttribute('server', server);
room.setAttribute('space', params.get('space') || 'vault');
room.setAttribute('room', params.get('room') || 'secret');
room.setAttribute('name', params.get('name') || '');
if (params.has('auto')) room.setAttribute('no-prejoin', '');
document.body.append(room);
