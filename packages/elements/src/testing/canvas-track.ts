/** Video for scripted rooms: a person's camera or a shared screen, drawn on a canvas. */
import type { MediaTrack } from '../components/room/session.js';

/** A hue from a name, so each person keeps their colour. */
function hue(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + (c.codePointAt(0) ?? 0)) % 360;
  return h;
}

/**
 * A video track drawn on a canvas: a person's camera (their colour, a silhouette, their name) or
 * a shared screen (a slide). Drawn only while attached to a media element.
 */
export class CanvasTrack implements MediaTrack {
  #canvas = document.createElement('canvas');
  #stream: MediaStream | undefined;
  #attached = new Set<HTMLMediaElement>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #frame = 0;

  constructor(
    readonly label: string,
    readonly kind: 'camera' | 'screen',
    /** Drawn mirrored, for the visitor's own camera (which the room shows mirrored). */
    readonly mirrored = false,
  ) {
    this.#canvas.width = kind === 'screen' ? 1280 : 640;
    this.#canvas.height = kind === 'screen' ? 720 : 360;
  }

  attach(): HTMLMediaElement {
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    this.#draw();
    this.#stream ??= this.#canvas.captureStream(5);
    video.srcObject = this.#stream;
    this.#attached.add(video);
    // A canvas stream sends a frame only when the canvas is painted.
    this.#timer ??= setInterval(() => this.#draw(), 200);
    return video;
  }

  detach(element: HTMLMediaElement): HTMLMediaElement {
    element.srcObject = null;
    this.#attached.delete(element);
    if (this.#attached.size === 0) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
    return element;
  }

  /** Stops drawing everywhere (the session ended). */
  stop(): void {
    for (const element of [...this.#attached]) this.detach(element);
    for (const track of this.#stream?.getTracks() ?? []) track.stop();
    this.#stream = undefined;
  }

  #draw() {
    const ctx = this.#canvas.getContext('2d');
    if (!ctx) return;
    const { width: w, height: h } = this.#canvas;
    const tone = hue(this.label);
    this.#frame++;
    ctx.save();
    if (this.kind === 'screen') {
      ctx.fillStyle = '#f7f7f2';
      ctx.fillRect(0, 0, w, h);
      // The title below the top edge, where the room's caption sits.
      ctx.fillStyle = `hsl(${tone} 55% 35%)`;
      ctx.fillRect(0, 0, w, 170);
      ctx.fillStyle = '#fff';
      ctx.font = '600 56px system-ui, sans-serif';
      ctx.fillText('Budget 2026: where the money goes', 60, 136);
      const bars = [0.8, 0.55, 0.35, 0.65, 0.25];
      bars.forEach((v, i) => {
        ctx.fillStyle = `hsl(${(tone + i * 50) % 360} 60% 50%)`;
        ctx.fillRect(120 + i * 210, h - 80 - v * 400, 150, v * 400);
      });
      ctx.fillStyle = '#333';
      ctx.fillRect(80, h - 80, w - 160, 4);
      ctx.font = '28px system-ui, sans-serif';
      ctx.fillText(`${this.label}’s screen`, 60, h - 30);
    } else {
      ctx.fillStyle = `hsl(${tone} 45% 38%)`;
      ctx.fillRect(0, 0, w, h);
      // A head and shoulders, breathing a little, so the picture is alive.
      const breath = Math.sin(this.#frame / 8) * 3;
      ctx.fillStyle = `hsl(${tone} 35% 70%)`;
      ctx.beginPath();
      ctx.arc(w / 2, h * 0.42 + breath, 62, 0, Math.PI * 2);
      ctx.fill();
      ctx.beginPath();
      ctx.ellipse(w / 2, h + 40 + breath, 150, 150, 0, Math.PI, 0);
      ctx.fill();
      if (this.mirrored) {
        ctx.translate(w, 0);
        ctx.scale(-1, 1);
      }
      // Centred: a tile with another aspect ratio crops the sides.
      ctx.fillStyle = 'rgb(255 255 255 / 0.85)';
      ctx.font = '600 30px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText(this.label, w / 2, 48);
    }
    ctx.restore();
  }
}
