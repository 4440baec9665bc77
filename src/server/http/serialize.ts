/**
 * For routes whose responses are large or hot (a 5,000-task plan, project lists): the response schema still
 * documents the route in OpenAPI, but the body is serialised with JSON.stringify instead of
 * being re-validated by zod on every call (75–250 ms for a large plan). The service's mapper
 * builds these bodies field by field, and the API tests parse them with the contract schema.
 */
export const trustedLargeResponse = {
  serializerCompiler: () => (data: unknown) => JSON.stringify(data),
} as const;
