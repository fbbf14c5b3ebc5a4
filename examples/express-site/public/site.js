// The site's own script: shows who is signed in (Convene asks the server, not this page).
const me = await fetch('/me').then((r) => r.json());
if (me) {
  document.getElementById('account').innerHTML = '';
  const form = Object.assign(document.createElement('form'), { method: 'post', action: '/sign-out' });
  const who = document.createElement('span');
  who.textContent = `Signed in as ${me.name}${me.moderator ? ' (moderator)' : ''}`;
  const button = document.createElement('button');
  button.textContent = 'Sign out';
  form.append(who, button);
  document.getElementById('account').append(form);
}
