using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Filing.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class NumberSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_filing_numbers",
                table: "filing_numbers");

            migrationBuilder.AddColumn<string>(
                name: "series",
                table: "filing_numbers",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                defaultValue: "BA");   // the counters so far are the filings'

            migrationBuilder.AddPrimaryKey(
                name: "pk_filing_numbers",
                table: "filing_numbers",
                columns: new[] { "series", "agency_code", "year" });

            // Emergency pre-filings were numbered by counting; their counters start where they stand.
            migrationBuilder.Sql("""
                INSERT INTO filing_numbers (series, agency_code, year, last_number)
                SELECT 'JJ', agency_code, substring(provisional_no from 3 for 4)::int, max(split_part(provisional_no, '-', 3)::int)
                FROM emergency_pre_filings WHERE provisional_no ~ '^JJ[0-9]{4}-[A-Z]+-[0-9]+$'
                GROUP BY 2, 3;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM filing_numbers WHERE series <> 'BA';");

            migrationBuilder.DropPrimaryKey(
                name: "pk_filing_numbers",
                table: "filing_numbers");

            migrationBuilder.DropColumn(
                name: "series",
                table: "filing_numbers");

            migrationBuilder.AddPrimaryKey(
                name: "pk_filing_numbers",
                table: "filing_numbers",
                columns: new[] { "agency_code", "year" });
        }
    }
}
