using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Planning.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class AgencyRosters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Inspectors entered before certificates carried their days keep none: they are valid on no
            // day, and so drawn and filed for on none, until the office enters the days of each certificate.
            migrationBuilder.AddColumn<int>(
                name: "revision",
                table: "agencies",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "revision",
                table: "agencies");
        }
    }
}
