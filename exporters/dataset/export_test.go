package dataset

// Exported for the external tests of this package.
var (
	RunPythonValidator = runPythonValidator
	FixtureBook        = fixtureBook
	ReadRows           = readRows
)
