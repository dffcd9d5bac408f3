/** The syntax layer's public surface: lexer, AST, parser, printer. */
export * from './ast.js';
export { type Token, tokenize } from './lexer.js';
export { parseColumnList, parseExpression, parseStatements, parseType } from './parser.js';
export { positionIn, type TextOrigin } from './position.js';
export { printExpr, printIdentifier, printSelect, printStatement, printType } from './printer.js';
export { type ScriptStatement, splitStatements, splitStatementsAt } from './split.js';
export { SqlSyntaxError } from './syntax-error.js';
export { substituteVariables } from './variables.js';
