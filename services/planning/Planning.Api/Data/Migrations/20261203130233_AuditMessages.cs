using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Planning.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "messages",
                table: "audit_entries",
                type: "text[]",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_messages",
                table: "audit_entries",
                column: "messages")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_entries_messages",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "messages",
                table: "audit_entries");
        }
    }
}
