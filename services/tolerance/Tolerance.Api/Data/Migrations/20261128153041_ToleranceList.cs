using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tolerance.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ToleranceList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    filing_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    finding_index = table.Column<int>(type: "integer", nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    matter_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    item_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    list_version = table.Column<int>(type: "integer", nullable: false),
                    legal_basis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    condition_deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    evaluations = table.Column<string>(type: "jsonb", nullable: false),
                    reasoning = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decisions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_findings",
                columns: table => new
                {
                    filing_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    finding_index = table.Column<int>(type: "integer", nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    matter_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    found_on = table.Column<DateOnly>(type: "date", nullable: false),
                    severity = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_findings", x => new { x.filing_no, x.finding_index });
                });

            migrationBuilder.CreateTable(
                name: "tolerance_lists",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    items = table.Column<string>(type: "jsonb", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tolerance_lists", x => x.version);
                });

            migrationBuilder.CreateIndex(
                name: "ix_decisions_agency_code",
                table: "decisions",
                column: "agency_code");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_credit_code",
                table: "decisions",
                column: "credit_code");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_filing_no_finding_index",
                table: "decisions",
                columns: new[] { "filing_no", "finding_index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_findings_credit_code_matter_code_found_on",
                table: "ledger_findings",
                columns: new[] { "credit_code", "matter_code", "found_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decisions");

            migrationBuilder.DropTable(
                name: "ledger_findings");

            migrationBuilder.DropTable(
                name: "tolerance_lists");
        }
    }
}
