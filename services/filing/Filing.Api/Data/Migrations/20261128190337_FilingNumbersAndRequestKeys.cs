using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Filing.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class FilingNumbersAndRequestKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "request_key",
                table: "filings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "filing_numbers",
                columns: table => new
                {
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    last_number = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_filing_numbers", x => new { x.agency_code, x.year });
                });

            // Numbers already given go on from where they are.
            migrationBuilder.Sql("""
                INSERT INTO filing_numbers (agency_code, year, last_number)
                SELECT lead_agency, substring(filing_no from 3 for 4)::int, max(split_part(filing_no, '-', 3)::int)
                FROM filings WHERE filing_no ~ '^BA[0-9]{4}-[A-Z]+-[0-9]+$'
                GROUP BY 1, 2;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_filings_lead_agency_request_key",
                table: "filings",
                columns: new[] { "lead_agency", "request_key" },
                unique: true,
                filter: "request_key IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "filing_numbers");

            migrationBuilder.DropIndex(
                name: "ix_filings_lead_agency_request_key",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "request_key",
                table: "filings");
        }
    }
}
