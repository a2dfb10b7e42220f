using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Supervision.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseNumbersPerYear : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropSequence(
                name: "case_numbers");

            migrationBuilder.CreateTable(
                name: "case_numbers",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    last_number = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_numbers", x => x.year);
                });

            // Numbering goes on after the cases already opened in each year (China's calendar year).
            migrationBuilder.Sql("""
                INSERT INTO case_numbers (year, last_number)
                SELECT extract(year FROM opened_at AT TIME ZONE 'Asia/Shanghai')::int, count(*)::int FROM cases GROUP BY 1
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_numbers");

            migrationBuilder.CreateSequence(
                name: "case_numbers");
        }
    }
}
