// compile.mjs sets a Typst file as a PDF with Typst (npm
// @myriaddreamin/typst-ts-node-compiler), with the fonts of FONTS_DIR: the
// run that seedbench measures against seedpress's PDF.
// Usage: node compile.mjs COMPILER_MODULE FONTS_DIR BOOK.typ OUT.pdf
import { writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";

const [mod, fonts, book, out] = process.argv.slice(2);
const { NodeCompiler } = await import(pathToFileURL(mod).href);
const c = NodeCompiler.create({ workspace: dirname(book), fontArgs: [{ fontPaths: [fonts] }] });
const pdf = c.pdf({ mainFilePath: book }, { creationTimestamp: 1700000000 });
writeFileSync(out, pdf);
