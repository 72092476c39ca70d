// Starts the vendored Swagger UI on /schema; the spec's address comes from the page.
(function () {
  var container = document.getElementById('swagger-container');
  window.ui = SwaggerUIBundle({
    url: container.getAttribute('data-spec'),
    dom_id: '#swagger-container',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  });
})();
