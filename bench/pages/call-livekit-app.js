/* global document */
// bench/call.bench.ts: LiveKit's own `VideoConference` (@livekit/components-react, React 19
// production build, LiveKit's own styles from @livekit/components-styles), bundled by the bench
// with esbuild and served as /call-livekit.js. It joins as the measured person with the camera and
// microphone off, as `<convene-room>` does in the same bench, with adaptive stream and dynacast on,
// as LiveKit's own Meet example does.
import '@livekit/components-styles';
import { LiveKitRoom, VideoConference } from '@livekit/components-react';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const response = await fetch('/api/spaces/river-coop/token', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ room_name: 'lobby', participant_name: 'Measured' }),
});
const { server_url: url, participant_token: token } = await response.json();

createRoot(document.getElementById('root')).render(
  createElement(
    LiveKitRoom,
    {
      serverUrl: url,
      token,
      connect: true,
      video: false,
      audio: false,
      options: { adaptiveStream: true, dynacast: true },
      style: { height: '100%' },
    },
    createElement(VideoConference),
  ),
);
