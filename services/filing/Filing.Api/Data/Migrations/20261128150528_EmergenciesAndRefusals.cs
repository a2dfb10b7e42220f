using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Filing.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class EmergenciesAndRefusals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "emergency_pre_filings",
                columns: table => new
                {
                    provisional_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    approved_by = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    backfill_deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    backfilled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    backfilled_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    matters = table.Column<string>(type: "jsonb", nullable: false),
                    inspectors = table.Column<string>(type: "jsonb", nullable: false),
                    findings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    overdue_raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_emergency_pre_filings", x => x.provisional_no);
                });

            migrationBuilder.CreateTable(
                name: "refusals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    code_shown = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reported_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refusals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_emergency_pre_filings_backfill_deadline",
                table: "emergency_pre_filings",
                column: "backfill_deadline",
                filter: "backfilled_at IS NULL AND overdue_raised_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_refusals_credit_code",
                table: "refusals",
                column: "credit_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "emergency_pre_filings");

            migrationBuilder.DropTable(
                name: "refusals");
        }
    }
}
