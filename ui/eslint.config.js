// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: {
        window: 'readonly',
        document: 'readonly',
        console: 'readonly',
      },
    },
    rules: {
      // The window must never turn data into markup (a doctor's name is text, whatever it contains).
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render data as text; never dangerouslySetInnerHTML.',
        },
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: 'Render data as text; never innerHTML.',
        },
      ],
      // Only src/api/ may call invoke(): the rest of the window goes through its functions.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@tauri-apps/api/core',
              importNames: ['invoke'],
              message: 'Call the backend through src/api/ only.',
            },
            { name: '@tauri-apps/plugin-dialog', message: 'Use the file dialog through src/api/ only.' },
            { name: '@tauri-apps/api/webview', message: 'Use drag and drop through src/api/ only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/api/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
