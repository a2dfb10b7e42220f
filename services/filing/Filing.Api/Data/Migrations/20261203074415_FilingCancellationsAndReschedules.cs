using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Filing.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class FilingCancellationsAndReschedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_filings_joint_id",
                table: "filings");

            migrationBuilder.AddColumn<string>(
                name: "cancellation_reason",
                table: "filings",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "cancelled_at",
                table: "filings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cancelled_by",
                table: "filings",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reschedules",
                table: "filings",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.CreateIndex(
                name: "ix_filings_cancelled_at_filing_no",
                table: "filings",
                columns: new[] { "cancelled_at", "filing_no" },
                filter: "cancelled_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_filings_joint_id",
                table: "filings",
                column: "joint_id",
                unique: true,
                filter: "joint_id IS NOT NULL AND status <> 'Revoked'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_filings_cancelled_at_filing_no",
                table: "filings");

            migrationBuilder.DropIndex(
                name: "ix_filings_joint_id",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "cancellation_reason",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "cancelled_at",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "cancelled_by",
                table: "filings");

            migrationBuilder.DropColumn(
                name: "reschedules",
                table: "filings");

            migrationBuilder.CreateIndex(
                name: "ix_filings_joint_id",
                table: "filings",
                column: "joint_id",
                unique: true,
                filter: "joint_id IS NOT NULL");
        }
    }
}
