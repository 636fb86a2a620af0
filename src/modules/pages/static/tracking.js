/* global document */
// A small enhancement only: the page works without it (issue 11). PINs are printed in capitals.
const pin = document.getElementById('pin');
if (pin) pin.addEventListener('input', () => { pin.value = pin.value.toUpperCase(); });
for (const form of document.querySelectorAll('form')) {
  form.addEventListener('submit', () => {
    const button = form.querySelector('button[type=submit]');
    if (button) button.setAttribute('aria-busy', 'true');
  });
}
