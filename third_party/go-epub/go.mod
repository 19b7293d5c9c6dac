module github.com/go-shiori/go-epub

go 1.21

require (
	github.com/gabriel-vasile/mimetype v1.4.3
	github.com/gofrs/uuid/v5 v5.0.0
	github.com/vincent-petithory/dataurl v1.0.0
)

require golang.org/x/net v0.19.0 // indirect
