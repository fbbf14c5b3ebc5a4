import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ConveneRoom, ConveneSpace } from '@convene/react';

function App() {
  const [log, setLog] = useState<string[]>([]);
  const note = (line: string) => setLog((lines) => [...lines.slice(-4), line]);
  return (
    <main style={{ maxWidth: '72rem', margin: '0 auto', fontFamily: 'system-ui, sans-serif' }}>
      <h1>River Co-op</h1>
      <ConveneSpace server="/" space="river-coop" />
      <h2>The lobby, straight in</h2>
      <ConveneRoom
        server="/"
        space="river-coop"
        room="lobby"
        onJoined={(e) => note(`joined ${e.room}`)}
        onLeft={(e) => note(`left: ${e.reason}`)}
        onError={(e) => note(`error: ${e.code}`)}
      />
      <output aria-live="polite">{log.join(' · ')}</output>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
