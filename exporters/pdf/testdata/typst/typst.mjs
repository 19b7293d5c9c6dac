// typst.mjs renders book.typ with Typst (npm
// @myriaddreamin/typst-ts-node-compiler) as a PDF/UA-1, the anchor that
// seedpress's tagged PDF is compared with (see docs/pdfua.md).
// Usage: node typst.mjs COMPILER_MODULE FONTS_DIR BOOK.typ OUT.pdf
import { writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";

const [mod, fonts, book, out] = process.argv.slice(2);
const { NodeCompiler } = await import(pathToFileURL(mod).href);
const c = NodeCompiler.create({ workspace: dirname(book), fontArgs: [{ fontPaths: [fonts] }] });
const pdf = c.pdf({ mainFilePath: book }, { pdfStandard: "ua-1", creationTimestamp: 1700000000 });
writeFileSync(out, pdf);
