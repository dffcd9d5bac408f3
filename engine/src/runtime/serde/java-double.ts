/** Java's `Double.toString`, for the serdes; defined in the analyzer, whose functions print doubles too. */
export { javaDouble } from '../../analyzer/java-double.js';
