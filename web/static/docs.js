// Starts Swagger UI (served from /static/swagger) on the API's OpenAPI document; no CDN, no inline script.
(function () {
  "use strict";
  var target = document.getElementById("swagger-ui");
  if (!target || !window.SwaggerUIBundle) return;
  window.SwaggerUIBundle({
    url: target.getAttribute("data-openapi-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // the default validator is an outside service
    defaultModelsExpandDepth: 0,
  });
})();
