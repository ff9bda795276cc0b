// Renders the contract of this page with Swagger UI (served by the portal itself).
window.addEventListener('DOMContentLoaded', function () {
	var element = document.getElementById('reference');
	window.ui = SwaggerUIBundle({
		url: element.dataset.spec,
		domNode: element,
		deepLinking: true,
		tryItOutEnabled: false,
		supportedSubmitMethods: ['get', 'post']
	});
});
