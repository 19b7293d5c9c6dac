// structtree.mjs reads the structure tree of every page of a PDF with
// pdf.js (pdfjs-dist), as a browser's accessibility layer does, and prints
// it as JSON: for each page, the nodes of getStructTree() depth first, each
// {role, alt, lang, depth, content, text} where content counts its
// marked-content and annotation kids and text is the text of its
// marked-content kids (from getTextContent with includeMarkedContent), as
// a screen reader gets it. Usage: node structtree.mjs PDFJS_MODULE FILE.pdf
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
  // The text of each marked-content sequence, by its id.
  const text = new Map();
  const open = [];
  for (const it of (await page.getTextContent({ includeMarkedContent: true })).items) {
    if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") {
      open.push(it.id ?? null);
    } else if (it.type === "endMarkedContent") {
      open.pop();
    } else if (it.str !== undefined) {
      const id = open.findLast((x) => x !== null);
      if (id) text.set(id, (text.get(id) ?? "") + it.str);
    }
  }
  const nodes = [];
  const walk = (node, depth) => {
    if (!node || !node.children) return;
    let content = 0;
    let str = "";
    for (const k of node.children) {
      if (k.type === "content" || k.type === "annotation" || k.type === "object") content++;
      if (k.type === "content") str += text.get(k.id) ?? "";
    }
    nodes.push({ role: node.role, alt: node.alt ?? "", lang: node.lang ?? "", depth, content, text: str });
    for (const k of node.children) walk(k, depth + 1);
  };
  walk(tree, 0);
  pages.push(nodes);
}
console.log(JSON.stringify(pages));
