import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types for every operation in `src/`, generated from the API's schema (the only server knowledge). */
const config: CodegenConfig = {
  schema: '../api/src/schema/schema.graphql',
  documents: ['src/**/*.ts', '!src/generated/**', '!src/**/*.test.ts'],
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations'],
      config: {
        scalars: { DateTime: 'string' },
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true },
        useTypeImports: true,
        onlyOperationTypes: true,
      },
    },
  },
  silent: true,
};

export default config;
