/** The OpenAPI 3.1 description of the open-data API, served at /api/v1/openapi.json. */
export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: { title: "Regie open-data API", version: "1.0.0" },
    paths: {},
  };
}
