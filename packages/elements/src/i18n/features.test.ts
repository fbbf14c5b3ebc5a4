import { expect } from '@open-wc/testing';
import { furniture } from './furniture-strings.js';
import { addSection, loadStrings, stringsFor } from './strings.js';

/** Which of the language chunks this page has fetched (the test runner serves each module at its own URL). */
const fetched = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => /\/i18n\/[a-z]{2}(-features)?\.ts$/.test(path));

describe('a language’s entries for features load with the features', () => {
  it('a German page without furniture fetches de.ts only; furniture brings de-features.ts, before its first render', async () => {
    await loadStrings('de');
    expect(stringsFor('de').join).to.equal('Beitreten');
    expect(
      fetched().some((path) => path.endsWith('/de-features.ts')),
      fetched().join(),
    ).to.equal(false);
    expect(stringsFor('de')).not.to.have.property('furniture');

    addSection(furniture); // what the furniture panel's chunk does when it loads
    // English stands in at once; what an element waits for (`loadStrings`) brings the German.
    expect(stringsFor('de').furniture).to.equal('Furniture');
    await loadStrings('de');
    expect(stringsFor('de').furniture).to.equal('Ausstattung');
    expect(fetched().some((path) => path.endsWith('/de-features.ts'))).to.equal(true);
  });

  it('a language first spoken after furniture is on the page comes with its features in one wait', async () => {
    await loadStrings('pt');
    expect(stringsFor('pt').furniture).to.not.equal('Furniture');
    expect(stringsFor('pt').join).to.not.equal('Join');
  });
});
