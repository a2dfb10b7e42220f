using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Filing.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class EmergencyExpectedEndAndWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_emergency_pre_filings_backfill_deadline",
                table: "emergency_pre_filings");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "expected_end_at",
                table: "emergency_pre_filings",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Pre-filings made before the expected end was asked for: their end if recorded, else their approval.
            migrationBuilder.Sql("UPDATE emergency_pre_filings SET expected_end_at = COALESCE(ended_at, approved_at)");

            migrationBuilder.AddColumn<string>(
                name: "withdrawal_reason",
                table: "emergency_pre_filings",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "withdrawn_at",
                table: "emergency_pre_filings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "withdrawn_by",
                table: "emergency_pre_filings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_emergency_pre_filings_agency_code_approved_at",
                table: "emergency_pre_filings",
                columns: new[] { "agency_code", "approved_at" });

            migrationBuilder.CreateIndex(
                name: "ix_emergency_pre_filings_backfill_deadline",
                table: "emergency_pre_filings",
                column: "backfill_deadline",
                filter: "backfilled_at IS NULL AND overdue_raised_at IS NULL AND withdrawn_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_emergency_pre_filings_credit_code_approved_at",
                table: "emergency_pre_filings",
                columns: new[] { "credit_code", "approved_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_emergency_pre_filings_agency_code_approved_at",
                table: "emergency_pre_filings");

            migrationBuilder.DropIndex(
                name: "ix_emergency_pre_filings_backfill_deadline",
                table: "emergency_pre_filings");

            migrationBuilder.DropIndex(
                name: "ix_emergency_pre_filings_credit_code_approved_at",
                table: "emergency_pre_filings");

            migrationBuilder.DropColumn(
                name: "expected_end_at",
                table: "emergency_pre_filings");

            migrationBuilder.DropColumn(
                name: "withdrawal_reason",
                table: "emergency_pre_filings");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                table: "emergency_pre_filings");

            migrationBuilder.DropColumn(
                name: "withdrawn_by",
                table: "emergency_pre_filings");

            migrationBuilder.CreateIndex(
                name: "ix_emergency_pre_filings_backfill_deadline",
                table: "emergency_pre_filings",
                column: "backfill_deadline",
                filter: "backfilled_at IS NULL AND overdue_raised_at IS NULL");
        }
    }
}
