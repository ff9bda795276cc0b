// Renders the contract of this page with Swagger UI (served by the portal itself). A
// signed-in partner gets a token with one of its apps' credentials (the portal asks
// identity; the secret is not kept), and the "Try it out" calls carry it to the gateway.
window.addEventListener('DOMContentLoaded', function () {
	var element = document.getElementById('reference');
	var token = null;
	window.ui = SwaggerUIBundle({
		url: element.dataset.spec,
		domNode: element,
		deepLinking: true,
		tryItOutEnabled: false,
		supportedSubmitMethods: ['get', 'post'],
		requestInterceptor: function (request) {
			if (token && request.url.indexOf(element.dataset.gateway) === 0) {
				request.headers['Authorization'] = 'Bearer ' + token;
			}
			return request;
		}
	});
	var form = document.getElementById('try-form');
	if (!form) {
		return;
	}
	var status = document.getElementById('try-status');
	form.addEventListener('submit', function (event) {
		event.preventDefault();
		var app = document.getElementById('try-app').value;
		var secret = document.getElementById('try-secret');
		var headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
		headers[document.querySelector('meta[name=_csrf_header]').content] =
			document.querySelector('meta[name=_csrf]').content;
		status.textContent = 'Asking identity for a token…';
		fetch('/apps/' + encodeURIComponent(app) + '/token', {
			method: 'POST',
			headers: headers,
			credentials: 'same-origin',
			redirect: 'manual',
			body: 'secret=' + encodeURIComponent(secret.value)
		}).then(function (response) {
			var type = response.headers.get('Content-Type') || '';
			if (response.type === 'opaqueredirect' || response.status === 403 || type.indexOf('json') < 0) {
				throw new Error('Your session has ended: reload the page and sign in again.');
			}
			return response.json().then(function (body) {
				if (!response.ok) {
					throw new Error(body.error || ('HTTP ' + response.status));
				}
				return body;
			});
		}).then(function (body) {
			token = body.access_token;
			secret.value = '';
			status.textContent = 'Token ready (scopes: ' + body.scope + '; valid ' + body.expires_in
				+ ' s). Open an operation below, choose "Try it out" and "Execute".';
			status.className = 'ok';
		}).catch(function (failure) {
			token = null;
			status.textContent = failure.message;
			status.className = 'error';
		});
	});
});
