using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tolerance.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Revocations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rectified_at",
                table: "decisions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rectified_by",
                table: "decisions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "revoked_at",
                table: "decisions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_decisions_condition_deadline",
                table: "decisions",
                column: "condition_deadline",
                filter: "status = 'Active' AND rectified_at IS NULL AND condition_deadline IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_decisions_condition_deadline",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "rectified_at",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "rectified_by",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "revoked_at",
                table: "decisions");
        }
    }
}
