// A data file, shared with every chapter: chapter programs run in a sandbox that
// cannot see the book's folder, so data reaches them as shared code.
// This file is data/heights.csv, pasted as a string literal (see "Your own book").

/// The measured heights, as the CSV file holds them.
let heightsCSV = """
    name,height_cm
    Ada,171.5
    Brook,164.0
    Cyd,180.2
    Dee,158.8
    """

/// The rows of a CSV text with a header line, each as its cells.
func csvRows(_ text: String) -> [[String]] {
    text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
}
