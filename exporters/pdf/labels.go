package pdf

import "github.com/seedpress/seedpress/pipeline/doc"

// labelsFor returns the words the PDF adds to a book in lang: the model's
// one table of labels (doc.LabelsFor).
func labelsFor(lang string) doc.Labels { return doc.LabelsFor(lang) }
