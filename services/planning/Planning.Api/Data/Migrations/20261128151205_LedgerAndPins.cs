using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Planning.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class LedgerAndPins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "pinned_visits",
                table: "consolidation_runs",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.CreateTable(
                name: "completed_inspections",
                columns: table => new
                {
                    filing_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    joint_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    lead_agency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agencies = table.Column<List<string>>(type: "text[]", nullable: false),
                    findings = table.Column<int>(type: "integer", nullable: false),
                    rectified_on_the_spot = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_completed_inspections", x => x.filing_no);
                });

            migrationBuilder.CreateIndex(
                name: "ix_completed_inspections_credit_code",
                table: "completed_inspections",
                column: "credit_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "completed_inspections");

            migrationBuilder.DropColumn(
                name: "pinned_visits",
                table: "consolidation_runs");
        }
    }
}
