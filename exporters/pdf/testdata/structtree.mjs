// structtree.mjs reads the structure tree of every page of a PDF with
// pdf.js (pdfjs-dist), as a browser's accessibility layer does, and prints
// it as JSON: for each page, the nodes of getStructTree() depth first, each
// {role, alt, lang, depth, content} where content counts its marked-content
// and annotation kids. Usage: node structtree.mjs PDFJS_MODULE FILE.pdf
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [mod, file] = process.argv.slice(2);
const pdfjs = await import(pathToFileURL(mod).href);
const data = new Uint8Array(readFileSync(file));
const pdf = await pdfjs.getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const tree = await page.getStructTree();
  const nodes = [];
  const walk = (node, depth) => {
    if (!node || !node.children) return;
    let content = 0;
    for (const k of node.children) {
      if (k.type === "content" || k.type === "annotation" || k.type === "object") content++;
    }
    nodes.push({ role: node.role, alt: node.alt ?? "", lang: node.lang ?? "", depth, content });
    for (const k of node.children) walk(k, depth + 1);
  };
  walk(tree, 0);
  pages.push(nodes);
}
console.log(JSON.stringify(pages));
