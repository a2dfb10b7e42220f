using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Filing.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Filings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_years",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    holidays = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    make_up_workdays = table.Column<List<DateOnly>>(type: "date[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_years", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "filings",
                columns: table => new
                {
                    filing_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    verification_code = table.Column<string>(type: "character(13)", fixedLength: true, maxLength: 13, nullable: false),
                    joint_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    unplanned_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    lead_agency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agencies = table.Column<string>(type: "jsonb", nullable: false),
                    matters = table.Column<string>(type: "jsonb", nullable: false),
                    inspectors = table.Column<string>(type: "jsonb", nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    window_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    filed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    filed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    filed_via = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    started_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    findings = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_filings", x => x.filing_no);
                });

            migrationBuilder.CreateTable(
                name: "matters",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    mergeable = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_matters", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "scheduled_visits",
                columns: table => new
                {
                    joint_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    window_from = table.Column<DateOnly>(type: "date", nullable: false),
                    window_to = table.Column<DateOnly>(type: "date", nullable: false),
                    solo = table.Column<bool>(type: "boolean", nullable: false),
                    lead_agency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agencies = table.Column<string>(type: "jsonb", nullable: false),
                    matters = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scheduled_visits", x => x.joint_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_filings_credit_code",
                table: "filings",
                column: "credit_code");

            migrationBuilder.CreateIndex(
                name: "ix_filings_joint_id",
                table: "filings",
                column: "joint_id",
                unique: true,
                filter: "joint_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_filings_lead_agency_filed_at",
                table: "filings",
                columns: new[] { "lead_agency", "filed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_filings_verification_code",
                table: "filings",
                column: "verification_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_scheduled_visits_lead_agency",
                table: "scheduled_visits",
                column: "lead_agency");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_years");

            migrationBuilder.DropTable(
                name: "filings");

            migrationBuilder.DropTable(
                name: "matters");

            migrationBuilder.DropTable(
                name: "scheduled_visits");
        }
    }
}
