/* global window, document */
// Records every Content-Security-Policy violation on the page, for the tests to read.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}`);
});
