package doc

// Sink receives a book one document at a time, so that a consumer that
// needs no more than one document at once (the dataset) can work in memory
// that does not grow with the book. The pipeline calls Begin once, then
// Document for every document in reading order, then End once; it stops
// calling, and never calls End, after a method returns an error or when the
// seeds have errors. A Sink whose End was not called has failed: whatever it
// wrote is to be discarded.
type Sink interface {
	// Begin gives the book's metadata and the number of documents that
	// will follow.
	Begin(meta Meta, documents int) error
	// Document gives the next document. Its Index is its position in
	// reading order. The Abbr inlines in it name terms of the glossary that
	// End will give (terms are only ever appended, so their indexes hold).
	// The sink may keep d.
	Document(d *Document) error
	// End gives the glossary, complete: its Uses refer to the documents
	// given before.
	End(glossary []Term) error
}

// Collect is a Sink that keeps everything: Book holds the whole book after
// End.
type Collect struct {
	Book  Book
	paths map[string]bool // the paths of Book.Resources
}

// Begin implements Sink.
func (c *Collect) Begin(meta Meta, documents int) error {
	c.Book = Book{Meta: meta, Documents: make([]*Document, 0, documents)}
	return nil
}

// Document implements Sink.
func (c *Collect) Document(d *Document) error {
	c.Book.Documents = append(c.Book.Documents, d)
	for _, im := range d.Images {
		if c.paths == nil {
			c.paths = map[string]bool{}
		}
		if !c.paths[im.Path] {
			c.paths[im.Path] = true
			c.Book.Resources = append(c.Book.Resources, im)
		}
	}
	return nil
}

// End implements Sink.
func (c *Collect) End(glossary []Term) error {
	c.Book.Glossary = glossary
	return nil
}
