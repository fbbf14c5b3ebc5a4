import type { Preview } from '@storybook/web-components-vite';
import '@convene/elements/define.js';
// Stories show a room from their first render (define.js defines it only once a page has one).
import '@convene/elements/convene-room.js';

const preview: Preview = {
  parameters: { layout: 'padded' },
  globalTypes: {
    lang: {
      description: 'Language of the elements',
      toolbar: { title: 'Language', icon: 'globe', items: ['en', 'es'], dynamicTitle: true },
    },
  },
  initialGlobals: { lang: 'en' },
  decorators: [
    (story, context) => {
      document.documentElement.lang = context.globals.lang ?? 'en';
      return story();
    },
  ],
};
export default preview;
