// Shared by the consultation pages (协商议事): how a step shows as a tag. Labels come from the server.
export function stepTagType(step) {
  if (step === 'refused') return 'danger'
  if (step === 'done') return 'success'
  if (step === 'publishing' || step === 'tracking') return 'warning'
  return 'primary'
}
