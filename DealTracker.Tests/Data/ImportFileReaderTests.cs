using System.Text;
using DealTracker.Data.Import;

namespace DealTracker.Tests.Data;

/// <summary>
/// The file-level bad inputs of an import, each with the sentence the user reads; rows that cannot be read as they
/// stand carry their problems (so the preview lists them and the row can be skipped) instead of failing the file.
/// </summary>
public sealed class ImportFileReaderTests
{
    private static ImportFile Read(string text) => ImportFileReader.Read(Encoding.UTF8.GetBytes(text));

    private static string Rejection(byte[] bytes) =>
        Assert.Throws<ImportFileRejectedException>(() => ImportFileReader.Read(bytes)).Message;

    [Fact]
    public void An_empty_file_is_rejected_as_empty()
    {
        Assert.Equal("The file is empty: it has no header row and no rows to import.", Rejection([]));
        Assert.Equal("The file is empty: it has no header row and no rows to import.", Rejection([0xEF, 0xBB, 0xBF, 0x0D, 0x0A]));
    }

    [Fact]
    public void A_header_without_rows_has_nothing_to_import() =>
        Assert.Equal("The file has a header row but no rows to import.", Rejection(Encoding.UTF8.GetBytes("Name,Website\r\n")));

    [Fact]
    public void A_png_renamed_csv_is_named_as_an_image()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0xFF];
        Assert.Equal("This file is a PNG image, not a CSV file. Save your spreadsheet as CSV and upload that.", Rejection(png));
    }

    [Fact]
    public void Nul_bytes_are_rejected_with_the_line_they_are_on()
    {
        var message = Rejection(Encoding.UTF8.GetBytes("Name\r\nAcme\r\nGlo\0bex\r\n"));
        Assert.StartsWith("The file contains NUL bytes (the first on line 3), so it is not a CSV text file.", message);
    }

    [Fact]
    public void A_quote_that_never_closes_names_its_row()
    {
        var message = Rejection(Encoding.UTF8.GetBytes("Name,Notes\r\nAcme,fine\r\nGlobex,\"never closed\r\nInitech,more\r\n"));
        Assert.StartsWith("A quote in row 3 is never closed, so the rest of the file would be read as one cell.", message);
    }

    [Fact]
    public void Duplicate_header_columns_are_named_with_their_positions()
    {
        var message = Rejection(Encoding.UTF8.GetBytes("Name,Email,Phone,email\r\nAcme,a@x.example,1,b@x.example\r\n"));
        Assert.Equal("The header row names \"email\" twice (columns 2 and 4). Rename or delete one and upload again.", message);
    }

    [Fact]
    public void A_header_column_without_a_name_is_rejected() =>
        Assert.StartsWith("Column 2 of the header row has no name.", Rejection(Encoding.UTF8.GetBytes("Name,,Phone\r\nAcme,,1\r\n")));

    [Fact]
    public async Task A_file_over_the_limit_is_rejected_before_it_is_read_whole()
    {
        using var huge = new MemoryStream(new byte[ImportLimits.MaxFileBytes + 1]);
        var message = (await Assert.ThrowsAsync<ImportFileRejectedException>(() => ImportFileReader.ReadAsync(huge))).Message;
        Assert.Equal("The file is larger than 20 MB, the most one import takes. Split it and import the parts.", message);
    }

    [Fact]
    public void A_row_with_more_cells_than_the_header_carries_a_problem_and_the_others_read()
    {
        var file = Read("Name,Website\r\nAcme,acme.example\r\nGlobex,globex.example,extra\r\nInitech,\r\n");
        Assert.Equal(3, file.Rows.Count);
        Assert.Empty(file.Rows[0].Problems);
        Assert.Equal("row 3: 3 cells, but the header row names 2 columns (a separator too many, or a missing quote?)",
            Assert.Single(file.Rows[1].Problems).ToString());
        Assert.Empty(file.Rows[2].Problems);
    }

    [Fact]
    public void A_100000_character_cell_is_a_problem_of_its_row_and_column()
    {
        var file = Read($"Name,Notes\r\nAcme,{new string('x', 100_000)}\r\nGlobex,short\r\n");
        Assert.Equal("row 2, Notes: 100,000 characters; a cell holds at most 10,000", Assert.Single(file.Rows[0].Problems).ToString());
        Assert.Equal("short", file.Rows[1].Cell(1));
    }

    [Fact]
    public void Ten_megabytes_in_one_column_is_a_problem_of_that_cell_not_a_crash()
    {
        var file = Read($"Name,Notes\r\nAcme,\"{new string('y', 10 * 1024 * 1024)}\"\r\n");
        Assert.Equal("row 2, Notes: 10,485,760 characters; a cell holds at most 10,000", Assert.Single(file.Rows[0].Problems).ToString());
        Assert.Equal("", file.Rows[0].Cell(1));
    }

    [Theory]
    [InlineData("Name;Website\r\nAcme;acme.example\r\n", ';', "semicolon")]
    [InlineData("Name\tWebsite\r\nAcme\tacme.example\r\n", '\t', "tab")]
    [InlineData("Name,Website\r\nAcme,acme.example\r\n", ',', "comma")]
    public void The_separator_is_detected(string text, char separator, string name)
    {
        var file = Read(text);
        Assert.Equal(separator, file.Separator);
        Assert.Equal(name, file.SeparatorName);
        Assert.Equal(["Name", "Website"], file.Headers);
        Assert.Equal(["Acme", "acme.example"], file.Rows[0].Cells);
    }

    [Fact]
    public void Windows_1252_utf8_and_utf8_with_bom_read_the_same_accents()
    {
        var text = "Name,Notes\r\nSociété Générale,Café – “quoted”\r\n";
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text);
        var utf8 = Encoding.UTF8.GetBytes(text);
        byte[] utf8Bom = [0xEF, 0xBB, 0xBF, .. utf8];

        foreach (var (bytes, encoding) in new[] { (windows1252, "Windows-1252"), (utf8, "UTF-8"), (utf8Bom, "UTF-8 with BOM") })
        {
            var file = ImportFileReader.Read(bytes);
            Assert.Equal(encoding, file.EncodingName);
            Assert.Equal(["Name", "Notes"], file.Headers);
            Assert.Equal(["Société Générale", "Café – “quoted”"], file.Rows[0].Cells);
        }
    }

    [Fact]
    public void Quoted_cells_keep_separators_line_breaks_and_quotes()
    {
        var file = Read("Name,Notes\r\n\"Acme, Inc.\",\"two\r\nlines with \"\"quotes\"\"\"\r\nGlobex,x\r\n");
        Assert.Equal(["Acme, Inc.", "two\r\nlines with \"quotes\""], file.Rows[0].Cells);
        Assert.Equal(3, file.Rows[1].RowNumber);
    }
}
