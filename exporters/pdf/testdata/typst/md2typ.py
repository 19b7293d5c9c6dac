# md2typ.py turns the Markdown of testdata/corpus into Typst markup, well
# enough for book.typ (headings, paragraphs, lists, quotes, code, emphasis,
# links); book.typ was made with it and a few lines by hand.
import re, sys
def esc(s):
    s = s.replace('\\', '\\\\')
    for c in '#$@<>*_`[]~=+-/':
        pass
    return re.sub(r'([#$@<>*_`\[\]~\\])', lambda m: '\\' + m.group(1) if m.group(1) != '\\' else '\\', s)
def inline(s):
    out = []
    pos = 0
    pat = re.compile(r'\*\*(.+?)\*\*|\*(.+?)\*|`([^`]+)`|\[([^\]]+)\]\(([^)]+)\)')
    for m in pat.finditer(s):
        out.append(esc(s[pos:m.start()]))
        if m.group(1): out.append('*' + esc(m.group(1)) + '*')
        elif m.group(2): out.append('_' + esc(m.group(2)) + '_')
        elif m.group(3): out.append('#raw("' + m.group(3).replace('\\','\\\\').replace('"','\\"') + '")')
        else: out.append('#link("' + m.group(5) + '")[' + esc(m.group(4)) + ']')
        pos = m.end()
    out.append(esc(s[pos:]))
    return ''.join(out)
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
i = 0
res = []
while i < len(lines):
    l = lines[i]
    if l.startswith('```'):
        j = i + 1; code = []
        while j < len(lines) and not lines[j].startswith('```'): code.append(lines[j]); j += 1
        res.append('#raw(block: true, "' + '\\n'.join(c.replace('\\','\\\\').replace('"','\\"') for c in code) + '")')
        i = j + 1; continue
    m = re.match(r'^(#+) (.*)', l)
    if m: res.append('=' * len(m.group(1)) + ' ' + inline(m.group(2))); i += 1; continue
    m = re.match(r'^(\s*)([-*]|\d+\.) (.*)', l)
    if m:
        ind = ' ' * len(m.group(1)); mk = '-' if m.group(2) in '-*' else '+'
        res.append(ind + mk + ' ' + inline(m.group(3))); i += 1; continue
    if l.startswith('>'):
        q = []
        while i < len(lines) and lines[i].startswith('>'): q.append(lines[i].lstrip('>').strip()); i += 1
        res.append('#quote(block: true)[' + inline(' '.join(q)) + ']'); continue
    if l.strip() in ('---', '***'): res.append('#line(length: 100%)'); i += 1; continue
    res.append(inline(l)); i += 1
print('\n'.join(res))
