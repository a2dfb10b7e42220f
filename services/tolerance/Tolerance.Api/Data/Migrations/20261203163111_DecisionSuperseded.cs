using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tolerance.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class DecisionSuperseded : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_decisions_filing_no_finding_index",
                table: "decisions");

            migrationBuilder.AddColumn<string>(
                name: "correction_reason",
                table: "decisions",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "superseded_at",
                table: "decisions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "superseded_by",
                table: "decisions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "supersedes",
                table: "decisions",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_decisions_filing_no_finding_index",
                table: "decisions",
                columns: new[] { "filing_no", "finding_index" },
                unique: true,
                filter: "status <> 'Superseded'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_decisions_filing_no_finding_index",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "correction_reason",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "superseded_at",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "superseded_by",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "supersedes",
                table: "decisions");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_filing_no_finding_index",
                table: "decisions",
                columns: new[] { "filing_no", "finding_index" },
                unique: true);
        }
    }
}
